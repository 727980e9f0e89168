"""Back/forward through visited items, like a browser (plain Python, no Qt)."""

from __future__ import annotations

import msgspec

#: Enough to retrace a long study session; older steps fall off the back.
LIMIT = 200


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class History(msgspec.Struct):
    back_stack: list[str] = msgspec.field(default_factory=list)
    forward_stack: list[str] = msgspec.field(default_factory=list)
    current: str | None = None

    def visit(self, location: str) -> None:
        if location == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[:-LIMIT]
        self.forward_stack.clear()
        self.current = location

    def can_go_back(self) -> bool:
        return bool(self.back_stack)

    def can_go_forward(self) -> bool:
        return bool(self.forward_stack)

    def back(self) -> str | None:
        if not self.back_stack or self.current is None:
            return None
        self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        return self.current

    def forward(self) -> str | None:
        if not self.forward_stack or self.current is None:
            return None
        self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        return self.current
