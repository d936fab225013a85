"""Code the targets share: documents, help-desk pieces, payload bundles, JSON text, atomic output. Imports no target."""
