"""The one-page summary of the six dimensions: what goes on it, and drawing it with Qt."""
