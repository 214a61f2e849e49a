-- journey for Neovim without a plugin manager. In your init.lua:
--
--   dofile('/path/to/journey/editors/neovim/journey.lua').setup()
--
-- This puts editors/neovim on the runtimepath (for ftplugin/ and lsp/) and returns the
-- `journey` module; see lua/journey/init.lua for the options.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:gsub('^@', ''), ':p:h')
if not vim.tbl_contains(vim.opt.runtimepath:get(), here) then
  vim.opt.runtimepath:prepend(here)
end
package.loaded['journey'] = nil
return require('journey')
