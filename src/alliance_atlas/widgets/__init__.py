"""The two Pyodide widgets (trajectory explorer, "analyse your own scores").

``api``, ``controls``, ``user_code`` and ``contract`` are standard library only and are shipped to the
browser (``bundle``); ``markup`` and ``static_svg`` run at build time only. Keep this file free of
imports, so that importing the browser half never pulls in the build half.
"""
