"""The ``kamerbrief-docx`` builder: each letter as a Word document."""
