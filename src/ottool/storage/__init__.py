"""File formats and storage: answer files, results, drafts, history and FHIR (docs/design.md)."""
