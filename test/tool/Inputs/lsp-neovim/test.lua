-- Neovim's built-in LSP client against durcheck --lsp: open store.c of the
-- project in $PROJECT, wait for the finding, apply its preferred quick fix,
-- write the file and wait for the finding to go. What it saw goes to
-- $RESULT; the exit status is 0 only when every step held.
local out = assert(io.open(vim.env.RESULT, 'w'))
local function say(...)
  out:write(string.format(...), '\n')
  out:flush()
end
local function fail(why)
  say('FAIL: %s', why)
  out:close()
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.PROJECT .. '/store.c'))
local client = vim.lsp.start_client({
  name = 'durcheck',
  cmd = { vim.env.DURCHECK, '--lsp' },
  root_dir = vim.env.PROJECT,
})
if not client then
  fail('durcheck --lsp did not start')
end
vim.lsp.buf_attach_client(0, client)

if not vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  fail('no diagnostics for store.c')
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  say('diagnostic %d:%d %s: %s', d.lnum + 1, d.col + 1, d.code, d.message)
end

local d = vim.diagnostic.get(0)[1]
local at = { line = d.lnum, character = d.col }
local replies = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = at, ['end'] = at },
  context = { diagnostics = {} },
}, 10000)
local fix
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do
    say('action: %s%s', action.title, action.isPreferred and ' (preferred)' or '')
    if action.isPreferred then
      fix = action
    end
  end
end
if not fix then
  fail('no preferred quick fix')
end
vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
vim.cmd('write')

if not vim.wait(30000, function() return #vim.diagnostic.get(0) == 0 end, 50) then
  fail('the finding stayed after the fix')
end
say('diagnostics after the fix: 0')
out:close()
vim.cmd('qall!')
