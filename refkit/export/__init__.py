"""Writers: BibTeX and biblatex, CSL-JSON, RIS."""
