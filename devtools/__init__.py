"""Developer tools behind the ``steadyheart`` command: chat, resolver, simulator, lint, validate,
interaction-model builder (``pip install '.[dev]'``).

Imports the runtime package ``skill`` (and ``selfhost`` for ``steadyheart serve``); neither of
them imports this package, and the Lambda artifact does not contain it.
"""
