"""Pure text -> interchange document: reading articles and proposing their claims."""
