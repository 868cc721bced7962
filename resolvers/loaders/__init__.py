"""Per-request DataLoaders, one module per upstream; reach them with ``context.loader(Class)``."""
