"""The policykg ontology (policykg.ttl), its SHACL shapes (shapes.ttl) and the mapping
of an extraction to RDF (``mapping.extraction_to_graph``, ``mapping.validate``)."""
