"""Reading the Kamers' registers: the Tweede Kamer's OData and SyncFeed, the Eerste
Kamer's exports. Pure Python; they write the register file of :mod:`..core.register_file`."""
