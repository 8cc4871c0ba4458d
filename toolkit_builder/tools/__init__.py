"""Tools around the core: warnings (lint), JSON Schemas, the link checker and PDFs."""
