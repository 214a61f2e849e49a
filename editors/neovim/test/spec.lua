-- Headless Neovim test of editors/neovim: run by test/run.sh as
--   nvim --headless --clean -l test/spec.lua
local root = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:gsub('^@', ''), ':p:h:h')
local repo = vim.fn.simplify(root .. '/../..')
local passed, failed = 0, 0

-- print() in `nvim -l` ends lines with CR LF; plain lines read better in CI logs.
local function say(line)
  io.stdout:write(line, '\n')
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    say('ok - ' .. name)
  else
    failed = failed + 1
    say('not ok - ' .. name .. ': ' .. tostring(err))
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

-- A scratch tree: a workspace with journey.toml inside a git repository, a git repository
-- without one, and a folder with neither.
local tmp = vim.fn.tempname()
local function write(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end
write(tmp .. '/repo/.git/HEAD', 'ref: refs/heads/main\n')
write(tmp .. '/repo/models/journey.toml', '[rules]\n')
write(tmp .. '/repo/models/shop/order.journey', 'lane sales "Sales"\n')
write(tmp .. '/gitonly/.git/HEAD', 'ref: refs/heads/main\n')
write(tmp .. '/gitonly/a/b.journey', 'lane b "B"\n')
write(tmp .. '/plain/c.journey', 'lane c "C"\n')
write(tmp .. '/outer/journey.toml', '')
write(tmp .. '/outer/inner/.git/HEAD', 'ref: refs/heads/main\n')
write(tmp .. '/outer/inner/d.journey', 'lane d "D"\n')
local log = tmp .. '/lsp.log'

-- `journey` on PATH is the fake language server.
vim.fn.mkdir(tmp .. '/bin', 'p')
vim.uv.fs_symlink(root .. '/test/fake-journey', tmp .. '/bin/journey')
vim.env.PATH = tmp .. '/bin:' .. vim.env.PATH
vim.env.JOURNEY_FAKE_LOG = log

-- nvim-treesitter (master branch) as far as journey uses it.
local master_configs = {}
package.preload['nvim-treesitter.parsers'] = function()
  return { get_parser_configs = function() return master_configs end }
end

vim.cmd('filetype plugin on')
local journey = dofile(root .. '/journey.lua')

check('journey.lua puts the plugin on the runtimepath', function()
  assert(vim.tbl_contains(vim.opt.runtimepath:get(), root), 'runtimepath has ' .. root)
  eq(type(journey.setup), 'function', 'setup')
end)

journey.setup()

check('the grammar folder defaults to grammar/tree-sitter-journey', function()
  eq(journey.options.grammar_path, repo .. '/grammar/tree-sitter-journey', 'grammar_path')
end)

check('the parser is registered with nvim-treesitter (master)', function()
  local config = master_configs.journey
  assert(config, 'no parser config')
  eq(config.install_info.url, repo .. '/grammar/tree-sitter-journey', 'url')
  eq(config.install_info.files, { 'src/parser.c' }, 'files')
  eq(config.filetype, 'journey', 'filetype')
end)

check('the parser is declared on TSUpdate (nvim-treesitter main)', function()
  local parsers = {}
  package.loaded['nvim-treesitter.parsers'] = parsers
  journey.register_parser('/some/grammar')
  parsers.journey = nil
  vim.api.nvim_exec_autocmds('User', { pattern = 'TSUpdate' })
  assert(parsers.journey, 'not declared on TSUpdate')
  eq(parsers.journey.install_info, { path = '/some/grammar', queries = 'queries' }, 'install_info')
  package.loaded['nvim-treesitter.parsers'] = nil
end)

local function client_for(bufnr)
  local found
  vim.wait(10000, function()
    local clients = vim.lsp.get_clients({ bufnr = bufnr, name = 'journey' })
    found = clients[1]
    return found ~= nil and found.initialized == true
  end, 20)
  return found
end

check('*.journey files get the journey filetype and its settings', function()
  vim.cmd.edit(tmp .. '/repo/models/shop/order.journey')
  eq(vim.bo.filetype, 'journey', 'filetype')
  eq(vim.bo.commentstring, '// %s', 'commentstring')
  eq(vim.bo.shiftwidth, 2, 'shiftwidth')
end)

check('`journey lsp` starts with journey.toml marking the root', function()
  local client = client_for(vim.api.nvim_get_current_buf())
  assert(client, 'no journey client attached')
  eq(client.config.cmd, { 'journey', 'lsp' }, 'cmd')
  eq(client.config.root_dir, tmp .. '/repo/models', 'root_dir')
end)

check('without journey.toml the git repository is the root', function()
  vim.cmd.edit(tmp .. '/gitonly/a/b.journey')
  local client = client_for(vim.api.nvim_get_current_buf())
  assert(client, 'no journey client attached')
  eq(client.config.root_dir, tmp .. '/gitonly', 'root_dir')
end)

check('with neither the file\'s folder is the root', function()
  vim.cmd.edit(tmp .. '/plain/c.journey')
  local client = client_for(vim.api.nvim_get_current_buf())
  assert(client, 'no journey client attached')
  eq(client.config.root_dir, tmp .. '/plain', 'root_dir')
end)

check('a journey.toml further up wins over a nearer .git, as in the CLI', function()
  local buf = vim.fn.bufadd(tmp .. '/outer/inner/d.journey')
  eq(journey.root_dir(buf), tmp .. '/outer', 'root_dir')
end)

check('one server a root, reused by the files under it', function()
  vim.cmd.edit(tmp .. '/repo/models/other.journey')
  local client = client_for(vim.api.nvim_get_current_buf())
  assert(client, 'no journey client attached')
  eq(client.config.root_dir, tmp .. '/repo/models', 'root_dir')
  eq(#vim.lsp.get_clients({ name = 'journey' }), 3, 'clients')
  vim.wait(1000, function() return false end, 50)
  local lines = vim.fn.readfile(log)
  local starts = vim.tbl_filter(function(l) return l:match('^start ') end, lines)
  eq(#starts, 3, 'servers started: ' .. table.concat(lines, ' | '))
  eq(starts[1], 'start lsp root=' .. vim.uri_from_fname(tmp .. '/repo/models'), 'first start')
end)

check('lsp/journey.lua configures vim.lsp.enable (0.11)', function()
  local config = dofile(root .. '/lsp/journey.lua')
  eq(config.cmd, { 'journey', 'lsp' }, 'cmd')
  eq(config.filetypes, { 'journey' }, 'filetypes')
  local buf = vim.fn.bufnr(tmp .. '/gitonly/a/b.journey')
  local got
  config.root_dir(buf, function(dir) got = dir end)
  eq(got, tmp .. '/gitonly', 'root_dir')
end)

-- With a C compiler and the generated parser, the real grammar and its queries in Neovim.
local grammar = journey.options.grammar_path
local cc = vim.fn.exepath('cc')
if cc ~= '' and vim.uv.fs_stat(grammar .. '/src/parser.c') then
  check('the tree-sitter parser loads and its queries highlight a journey buffer', function()
    local so = tmp .. '/journey.so'
    local sources = { grammar .. '/src/parser.c' }
    if vim.uv.fs_stat(grammar .. '/src/scanner.c') then
      table.insert(sources, grammar .. '/src/scanner.c')
    end
    local args = vim.list_extend({ cc, '-shared', '-fPIC', '-O1', '-I', grammar .. '/src', '-o', so }, sources)
    local result = vim.system(args):wait()
    assert(result.code == 0, 'cc failed: ' .. (result.stderr or ''))
    vim.treesitter.language.add('journey', { path = so })
    vim.cmd.edit(repo .. '/examples/web-shop.journey')
    local buf = vim.api.nvim_get_current_buf()
    vim.treesitter.start(buf, 'journey')
    for _, name in ipairs({ 'highlights', 'folds', 'indents', 'locals' }) do
      assert(vim.treesitter.query.get('journey', name), name .. ' query missing')
    end
    -- Line 12 is `lane sales "Sales and e-commerce" { owner: "Head of e-commerce" }`.
    local line = vim.api.nvim_buf_get_lines(buf, 11, 12, false)[1]
    assert(line:match('^lane sales'), 'unexpected example line: ' .. line)
    -- Parse before asking for captures: Neovim 0.11 highlights asynchronously.
    local tree = vim.treesitter.get_parser(buf, 'journey'):parse(true)[1]
    local captures = vim.tbl_map(function(c) return c.capture end, vim.treesitter.get_captures_at_pos(buf, 11, 0))
    assert(vim.tbl_contains(captures, 'keyword.type'), 'captures at `lane`: ' .. vim.inspect(captures))
    assert(not tree:root():has_error(), 'the example parses with errors')
  end)
else
  say('skip - tree-sitter parser: ' .. (cc == '' and 'no C compiler' or 'no ' .. grammar .. '/src/parser.c yet'))
end

for _, client in ipairs(vim.lsp.get_clients({ name = 'journey' })) do
  vim.lsp.stop_client(client.id, true)
end
vim.fn.delete(tmp, 'rf')
say(('neovim: %d passed, %d failed'):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
