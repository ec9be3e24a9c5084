"""A home plan as a printable PDF (fpdf2): a two-page handout on A4 or Letter.

- ``handout``: which block goes where on the two pages, and the tighter settings
  for plans that would spill onto a third;
- ``layout``: the blocks (fpdf2 text regions, bands, bars, status marks);
- ``fonts``: the shipped Noto fonts, fallback fonts, and what prints where no font
  has a letter;
- ``library``: fpdf2, imported without the parts a handout never uses.

fpdf2 is imported only when a PDF is made, so ``ottool --help`` stays fast.
"""

from ottool.render.pdf.handout import PAPERS, plan_pdf

__all__ = ["PAPERS", "plan_pdf"]
