-- Argo CD resource health check for migratepages.io/NumaMigration (docs/gitops.md).
-- Argo CD runs it with gopher-lua (Lua 5.1): obj is the object, the result {status, message}.
-- Running and Pending -> Progressing, Succeeded -> Healthy, Failed and PartiallySucceeded ->
-- Degraded, with the Ready condition's reason and message as the message.
local hs = {}

local function condition(status, kind)
  if type(status.conditions) ~= "table" then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or ""
  if c.message ~= nil and c.message ~= "" then
    if text ~= "" then
      text = text .. ": "
    end
    text = text .. c.message
  end
  if text == "" then
    return fallback
  end
  return text
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to accept the NumaMigration"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to run generation " .. tostring(generation)
  return hs
end

local ready = condition(status, "Ready")
local phase = status.phase
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Succeeded")
elseif phase == "Failed" or phase == "PartiallySucceeded" then
  hs.status = "Degraded"
  hs.message = describe(ready, phase)
else
  hs.status = "Progressing"
  hs.message = describe(condition(status, "Progressing"), phase)
end
return hs
