"""Renderers: each takes finished data (a report, a result, a plan) and lays it out.

Renderers never compute; they only format what the core produced.
"""
