"""The policykg ontology (policykg.ttl), its SHACL shapes (shapes.ttl), the mapping of an
extraction to RDF (``mapping.extraction_to_graph``) and SHACL validation
(``validate.validate``)."""
