"""Language-aware text helpers shared by the verifier and the rules backend."""
