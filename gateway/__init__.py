"""staffgraph: a GraphQL gateway over Loket.nl, Informat Personeel, ICTerGezocht.nl and Onderwijsloket."""

__all__: list[str] = []
