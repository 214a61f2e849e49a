-- The journey language server for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--
--   vim.lsp.enable('journey')
--
-- (with editors/neovim on the runtimepath). require('journey').setup() does the same for 0.10.
return {
  cmd = { 'journey', 'lsp' },
  filetypes = { 'journey' },
  root_dir = function(bufnr, on_dir)
    on_dir(require('journey').root_dir(bufnr, { 'journey.toml', '.git' }))
  end,
}
