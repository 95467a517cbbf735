"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) over our complaints.

JSON only: the spec lets an endpoint offer ``.json`` alone, and XML would add a second
format to keep exactly in step for no client we know of. ``services.json`` lists the active
complaint categories; ``requests.json`` lists (GET) or submits (POST, with an ``api_key``)
service requests; ``requests/<id>.json`` is one request. A request is a complaint, and its
``service_request_id`` is the tracking code the citizen sees. Nothing personal (name, mail,
phone, account) is ever part of a response.
"""
