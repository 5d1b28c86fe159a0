"""Thin ipywidgets wiring over synthlab's plain functions.

Each widget lives in its own module and imports ipywidgets when it is built,
so ``import synthlab`` never pays for it. The work a widget triggers is done
by a plain function that is tested without a browser; errors show inside the
widget.
"""
