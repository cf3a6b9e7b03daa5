-- Argo CD resource health check for migratepages.io/NumaPlacementPolicy (docs/gitops.md).
-- Argo CD runs it with gopher-lua (Lua 5.1): obj is the object, the result {status, message}.
-- Ready True -> Healthy (the policy is enforced, pods in target or being moved back), Stalled
-- True (invalid spec) or Ready False otherwise -> Degraded, Reconciling True (waiting for the
-- agents' reports) or no status for this generation yet -> Progressing; the condition's reason
-- and message as the message.
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
if status == nil or condition(status, "Ready") == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to judge the policy's pods"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to apply generation " .. tostring(generation)
  return hs
end

local ready = condition(status, "Ready")
local stalled = condition(status, "Stalled")
local reconciling = condition(status, "Reconciling")
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
elseif stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled")
elseif reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
else
  hs.status = "Degraded"
  hs.message = describe(ready, "not Ready")
end
return hs
