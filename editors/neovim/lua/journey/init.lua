-- journey for Neovim (0.10 or later): the `journey` filetype, the language server
-- (`journey lsp`) for journey buffers, and the tree-sitter parser of grammar/tree-sitter-journey.
--
--   require('journey').setup()            -- defaults below
--   require('journey').setup({ cmd = { '/path/to/journey', 'lsp' } })
local M = {}

local uv = vim.uv or vim.loop

-- This file is editors/neovim/lua/journey/init.lua; the grammar is grammar/tree-sitter-journey.
local this_file = debug.getinfo(1, 'S').source:gsub('^@', '')
local plugin_root = vim.fn.fnamemodify(this_file, ':p:h:h:h')

M.defaults = {
  -- The language server: the journey binary and its `lsp` subcommand, over stdio.
  cmd = { 'journey', 'lsp' },
  -- The workspace root: the nearest folder with a journey.toml, else the nearest with a .git,
  -- else the file's own folder.
  root_markers = { 'journey.toml', '.git' },
  -- Start the language server for journey buffers.
  lsp = true,
  -- Passed on to vim.lsp.start().
  capabilities = nil,
  on_attach = nil,
  settings = nil,
  init_options = nil,
  -- Register the tree-sitter parser with nvim-treesitter and load its queries.
  treesitter = true,
  -- Start tree-sitter highlighting in journey buffers when the parser is installed.
  highlight = true,
  -- The tree-sitter grammar folder (with src/parser.c and queries/).
  grammar_path = vim.fn.simplify(plugin_root .. '/../../grammar/tree-sitter-journey'),
}

M.options = vim.deepcopy(M.defaults)

local QUERIES = { 'highlights', 'folds', 'indents', 'locals' }

--- Registers the `journey` filetype for `*.journey` files.
function M.filetype()
  vim.filetype.add({ extension = { journey = 'journey' } })
end

local function find_up(name, start)
  local found = vim.fs.find(name, { upward = true, path = start, limit = 1 })
  return found[1] and vim.fs.dirname(found[1]) or nil
end

--- The workspace root of a buffer: the nearest folder holding the first marker found, trying
--- the markers in order (so a journey.toml wins over a .git further down).
function M.root_dir(bufnr, markers)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  markers = markers or M.options.root_markers
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fs.dirname(vim.fs.normalize(name)) or uv.cwd()
  for _, marker in ipairs(markers) do
    local root = find_up(marker, dir)
    if root then
      return root
    end
  end
  return dir
end

local warned = false

--- Starts (or reuses) the journey language server for a buffer. Returns the client id.
function M.start(bufnr, opts)
  opts = opts or M.options
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    if not warned then
      warned = true
      vim.notify(
        ('journey: `%s` was not found; set `cmd` in require("journey").setup() to the journey binary'):format(opts.cmd[1]),
        vim.log.levels.WARN
      )
    end
    return nil
  end
  return vim.lsp.start({
    name = 'journey',
    cmd = opts.cmd,
    root_dir = M.root_dir(bufnr, opts.root_markers),
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    settings = opts.settings,
    init_options = opts.init_options,
  }, { bufnr = bufnr })
end

local function read_file(path)
  local file = io.open(path, 'r')
  if not file then
    return nil
  end
  local text = file:read('*a')
  file:close()
  return text
end

--- Tells nvim-treesitter where the journey parser is, for `:TSInstall journey`. Works with
--- both the `master` branch (parser configs) and the `main` branch (`User TSUpdate`).
function M.register_parser(grammar_path)
  grammar_path = grammar_path or M.options.grammar_path
  local ok, parsers = pcall(require, 'nvim-treesitter.parsers')
  if not ok or type(parsers) ~= 'table' then
    return false
  end
  if type(parsers.get_parser_configs) == 'function' then
    -- master: install_info.url may be a local folder.
    parsers.get_parser_configs().journey = {
      install_info = {
        url = grammar_path,
        files = { 'src/parser.c' },
        generate_requires_npm = false,
        requires_generate_from_grammar = false,
      },
      filetype = 'journey',
    }
  else
    -- main: parsers are declared on `User TSUpdate`; `path` is a local folder, and its queries
    -- are installed with the parser.
    local function declare()
      require('nvim-treesitter.parsers').journey = {
        install_info = { path = grammar_path, queries = 'queries' },
        tier = 3,
      }
    end
    declare()
    vim.api.nvim_create_autocmd('User', {
      group = vim.api.nvim_create_augroup('journey.treesitter', { clear = true }),
      pattern = 'TSUpdate',
      callback = declare,
    })
  end
  return true
end

local queries_loaded = false

--- Loads the grammar folder's queries for the `journey` language, unless a runtime folder
--- already has them (as after a `:TSInstall journey` on nvim-treesitter's main branch). Needs
--- the parser: returns false while it is not installed.
function M.load_queries(grammar_path)
  if queries_loaded then
    return true
  end
  if not pcall(vim.treesitter.language.add, 'journey') then
    return false
  end
  grammar_path = grammar_path or M.options.grammar_path
  for _, name in ipairs(QUERIES) do
    if #vim.api.nvim_get_runtime_file(('queries/journey/%s.scm'):format(name), true) == 0 then
      local text = read_file(('%s/queries/%s.scm'):format(grammar_path, name))
      if text then
        local ok, err = pcall(vim.treesitter.query.set, 'journey', name, text)
        if not ok then
          vim.notify(('journey: the %s query does not load: %s'):format(name, err), vim.log.levels.WARN)
        end
      end
    end
  end
  queries_loaded = true
  return true
end

local function attach(bufnr, opts)
  if opts.lsp then
    M.start(bufnr, opts)
  end
  if opts.treesitter and M.load_queries(opts.grammar_path) and opts.highlight then
    pcall(vim.treesitter.start, bufnr, 'journey')
  end
end

--- Sets everything up; call once from your init.lua.
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  local options = M.options
  M.filetype()
  if options.treesitter then
    M.register_parser(options.grammar_path)
  end
  local group = vim.api.nvim_create_augroup('journey', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'journey',
    callback = function(args)
      attach(args.buf, options)
    end,
  })
  -- Buffers opened before setup() (a plugin manager loading this lazily).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == 'journey' then
      attach(bufnr, options)
    end
  end
  return M
end

return M
