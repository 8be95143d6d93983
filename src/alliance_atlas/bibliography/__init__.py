"""Bibliography of the Alliance Atlas: references, topics and evidence types."""
