"""Alliance Atlas: the code behind an open reference on the therapeutic alliance."""
