// OmniECS — see docs/ARCHITECTURE.md.
