-- wrk script: each request submits a «хочу внедрить» request (a durable write with audit and
-- notifications in one transaction). Open to anonymous users, so no session is needed.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"practice_id":1,"from":{"region":"72"},"contact_name":"Нагрузка","message":"Хотим внедрить"}'
