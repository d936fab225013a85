"""Live help desks: read an account, plan the changes a playbook needs, apply them, import a playbook.

- `http`: the one HTTP client (httpx): credentials from the environment, safe retries, pagination;
- `engine`: vendor-neutral plan and apply over the payload bundle a help-desk target renders;
- `report`: a plan as text, Markdown or JSON;
- `saved`: API responses saved to a folder, read back for `import --from`;
- `yamlout`: writing an imported playbook.

Each help-desk target adds its own `live` module (how to list, match, mark and
write its objects) and `importer` module (how its objects read back as a playbook).
"""
