"""Every demo builder and `tdkt demo`.

``demo.builder.build()`` fills an empty database: the unit tree and people
(tree, people), their history of 2017–2026 (history), the plans, movements and
registrations (plans), then the year-end cycle of 2025 in the two demo wards
(yearend). The package imports no model here: Django loads it as an app.
"""
