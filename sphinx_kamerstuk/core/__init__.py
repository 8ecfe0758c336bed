"""Pure Python: the parliamentary knowledge without Sphinx or docutils (a test enforces it).

Citations, deadlines in words, status at a peildatum, the register file, reconciliation
with the Kamer's registers and the reports are used by the extension, the importers and
the command line alike.
"""
