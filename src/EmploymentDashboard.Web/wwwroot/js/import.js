// The import page: refuses a file over the size limit before it is sent, and shows a progress indicator
// while a file uploads and the server checks or commits it, with the time elapsed (a million rows take
// minutes; the clock shows the page is still working). Without scripts the forms still work.
(function () {
  'use strict';
  document.querySelectorAll('form[data-import-form]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      var max = Number(form.getAttribute('data-max-bytes'));
      if (input && input.files && input.files[0] && max && input.files[0].size > max) {
        event.preventDefault();
        var hint = form.querySelector('#import-file-hint');
        if (hint) {
          hint.textContent = form.getAttribute('data-text-too-large');
          hint.classList.add('field-error');
        }
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      var status = form.querySelector('[data-import-progress]');
      if (!status) {
        return;
      }
      status.hidden = false;
      form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
      var elapsed = status.querySelector('[data-import-elapsed]');
      if (elapsed) {
        var started = Date.now();
        var tick = function () {
          var seconds = Math.floor((Date.now() - started) / 1000);
          elapsed.textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
        };
        tick();
        window.setInterval(tick, 1000);
      }
    });
  });
})();
