// Placeholder: replaced by the Seeds implementation.
