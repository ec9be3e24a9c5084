"""The core rules: content, age, screening and planning, with no I/O beyond reading content.

A library you could use from a notebook; it never imports the command line's libraries
(docs/architecture.md).
"""
