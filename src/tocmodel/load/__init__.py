"""Model files → `Model`: includes confined to the model's folder, `extends` and its overlays, the shipped
generic models, and pydantic's errors turned into located diagnostics.

`loader` reads a model file and what it includes and extends; `extends` and `overlay` lay a country model
over the model it extends; `shipped` finds the generic models shipped with tocmodel; `schema_errors`
translates pydantic's validation errors into diagnostics with positions.
"""
