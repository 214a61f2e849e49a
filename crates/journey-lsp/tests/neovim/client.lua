-- Drives `journey lsp` from a real Neovim, headless: opens a journey file with a mistake,
-- waits for the server's diagnostics, asks for a definition and a completion, and writes what
-- came back as JSON for the Rust test to check.
-- Usage: JOURNEY_LSP=server JOURNEY_FILE=file JOURNEY_OUT=answers.json \
--          nvim --headless -u NONE -i NONE -n -c "luafile client.lua"
-- (environment variables and `luafile` rather than `-l`, so that Neovim 0.7 runs it too).
local server, file, out_path = os.getenv("JOURNEY_LSP"), os.getenv("JOURNEY_FILE"), os.getenv("JOURNEY_OUT")
local out = { errors = {} }

local function finish()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  vim.cmd("filetype on")
  vim.cmd("autocmd BufRead,BufNewFile *.journey setfiletype journey")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  local v = vim.version()
  out.nvim = v.major .. "." .. v.minor .. "." .. v.patch
  local root = vim.fs and vim.fs.dirname(file) or vim.fn.fnamemodify(file, ":h")
  local config = { name = "journey", cmd = { server }, root_dir = root }
  local id
  if vim.lsp.start then
    id = vim.lsp.start(config, { bufnr = buf })
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, id)
  end
  out.client = id ~= nil

  -- Diagnostics are pushed: wait for them.
  vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, {
      line = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message,
    })
  end

  local function request(method, params)
    local answers = vim.lsp.buf_request_sync(buf, method, params, 10000)
    if not answers then return nil end
    for _, answer in pairs(answers) do
      if answer.err then table.insert(out.errors, method .. ": " .. vim.inspect(answer.err)) end
      return answer.result
    end
  end
  local client = vim.lsp.get_client_by_id(id)
  out.encoding = client and client.offset_encoding
  local uri = vim.uri_from_bufnr(buf)
  local function find(needle, shift)
    for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local col = line:find(needle, 1, true)
      if col then return { line = lnum - 1, character = col - 1 + shift } end
    end
  end

  -- Definition of the touchpoint `callcentre` used by a step.
  out.definition = request("textDocument/definition", {
    textDocument = { uri = uri }, position = find("at callcentre", 4),
  })
  -- Type `at ` into a new step and ask what may follow.
  local at = find("step review", 0)
  vim.api.nvim_buf_set_lines(buf, at.line, at.line, false, { '    step extra "Extra" at ' })
  local line = vim.api.nvim_buf_get_lines(buf, at.line, at.line + 1, false)[1]
  local completion = request("textDocument/completion", {
    textDocument = { uri = uri }, position = { line = at.line, character = #line },
  })
  local items = completion and (completion.items or completion) or {}
  out.completion = {}
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
