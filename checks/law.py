"""How clauses of the two governing texts are written in every message and page."""

from __future__ import annotations

RULE = "5 CSR 20-100.230"
STATUTE = "section 161.670 RSMo"
PROCEDURE = "MOCAP catalog procedure"
PROGRAM_REVIEW = "MOCAP course review criteria (DESE)"


def csr(part: str) -> str:
    """``csr("(3)(B)2")`` -> ``5 CSR 20-100.230(3)(B)2``."""
    return f"{RULE}{part}"


def rsmo(part: str) -> str:
    """``rsmo("3(13)")`` -> ``161.670.3(13) RSMo``."""
    return f"161.670.{part} RSMo"
