# Real Kamerbrieven, copied from their publications, as test data for the letter
# layout: headings, footnotes, citations, several signatories, the Eerste Kamer and
# both chambers, enclosures, reST and MyST. Each letter says where it comes from.
extensions = ['myst_parser', 'sphinx_kamerstuk']
language = 'nl'
# the letters write their citations the way letters do: "Kamerstuk 34 293, nr. 35"
kamerstuk_citeerstijl = 'kamerbrief'
