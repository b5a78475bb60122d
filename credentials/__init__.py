"""Work credentials (Arts. 20–23): exam-gated issuance, the card, public verification,
offboarding, the public roster (Art. 21) and the filing sheet (Art. 12)."""
