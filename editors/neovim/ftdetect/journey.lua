vim.filetype.add({ extension = { journey = 'journey' } })
