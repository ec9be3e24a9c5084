"""Documents and wording: the result as shown, the home plan and every sentence a family reads.

Built once with every decision made; renderers only lay them out (docs/architecture.md).
"""
