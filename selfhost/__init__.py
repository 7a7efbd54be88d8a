"""Self-hosting: the Flask endpoint and the Alexa request verifier (``pip install '.[serve]'``).

Imports the runtime package ``skill``; ``skill`` never imports this package, and the Lambda
artifact does not contain it.
"""
