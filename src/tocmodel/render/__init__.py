"""Renderers: each module turns a model, a report or an analysis into one family of outputs."""
