-- bench-web.lua: wrk script for bench-web.sh: POST one review per request, in turn
-- from the file $RV_BODIES (one form body "review=..." a line).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local bodies = {}
for line in io.lines(os.getenv("RV_BODIES")) do
	bodies[#bodies + 1] = line
end
local i = 0
request = function()
	i = i % #bodies + 1
	return wrk.format(nil, nil, nil, bodies[i])
end
