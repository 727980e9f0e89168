"""``python -m companion.worker``: the worker process (the app starts it; see ``client``)."""

import sys

from companion.worker.serve import main

sys.exit(main())
