"""Helpers of the pyvis HTML writer (``loaders.html_writer``): styles, page models, rendering."""
