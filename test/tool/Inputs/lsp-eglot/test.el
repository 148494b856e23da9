;;; test.el --- the README's eglot recipe, end to end -*- lexical-binding: t -*-
;; Opens store.c of PROJECT with durcheck (DURCHECK) as its server, waits
;; for flymake's diagnostics, applies the preferred quick fix of the first,
;; saves, and waits for the diagnostics to go; writes what it saw to RESULT.
(require 'eglot)
(require 'cl-lib)

(defvar test-lines nil)
(defun test-say (format &rest args)
  (push (apply #'format format args) test-lines))

(defun test-finish (status)
  (with-temp-file (getenv "RESULT")
    (insert (mapconcat #'identity (reverse test-lines) "\n") "\n"))
  (kill-emacs status))

(defun test-wait (done what)
  "Runs the event loop until DONE returns non-nil, for at most 300 s."
  (let ((deadline (+ (float-time) 300)))
    (while (not (funcall done))
      (when (> (float-time) deadline)
        (test-say "timed out waiting for %s" what)
        (test-finish 1))
      (accept-process-output nil 0.1))))

(let ((project (file-name-as-directory (getenv "PROJECT"))))
  ;; The README's recipe, with this build's durcheck.
  (with-eval-after-load 'eglot
    (add-to-list 'eglot-server-programs
                 `((c-mode c-ts-mode c++-mode c++-ts-mode)
                   ,(getenv "DURCHECK") "--lsp")))
  ;; The project has no version control: it is its own root.
  (add-hook 'project-find-functions (lambda (_dir) (cons 'transient project)))
  (find-file (expand-file-name "store.c" project))
  (c-mode)
  (apply #'eglot (eglot--guess-contact))
  (test-wait #'flymake-diagnostics "diagnostics")
  (dolist (d (flymake-diagnostics))
    (test-say "diagnostic %d: %s"
              (line-number-at-pos (flymake-diagnostic-beg d))
              (flymake-diagnostic-text d)))
  (let* ((d (car (flymake-diagnostics)))
         (actions (eglot-code-actions (flymake-diagnostic-beg d)
                                      (flymake-diagnostic-end d)))
         (preferred (cl-find-if (lambda (a) (plist-get a :isPreferred))
                                actions)))
    (test-say "action: %s" (plist-get preferred :title))
    (eglot--apply-workspace-edit (plist-get preferred :edit)))
  (save-buffer)
  (test-wait (lambda () (null (flymake-diagnostics))) "no diagnostics")
  (test-say "diagnostics after the fix: %d" (length (flymake-diagnostics)))
  (test-finish 0))
