// The admin pages' only script, served from the app itself (the Content-Security-Policy allows
// no other). Every page works without it; it adds live updates and conveniences to the forms.
(function () {
  'use strict';

  var body = document.body;
  var status = document.getElementById('live-status');
  var banner = document.getElementById('stale-banner');
  var currentFlag = body.getAttribute('data-flag') || '';
  var page = body.getAttribute('data-page');

  function setStatus(text, state) {
    if (!status) return;
    status.textContent = text;
    status.setAttribute('data-state', state);
  }

  // Editors the user has typed into are not replaced by a live update; a banner says instead.
  document.addEventListener('input', function (event) {
    var editor = event.target.closest && event.target.closest('[data-editor]');
    if (editor) editor.setAttribute('data-dirty', 'true');
  });

  function replaceLiveRegions(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    var stale = false;
    fresh.querySelectorAll('[data-live][id]').forEach(function (region) {
      var old = document.getElementById(region.id);
      if (!old) return;
      if (old.getAttribute('data-dirty') === 'true') {
        stale = true;
        return;
      }
      old.replaceWith(document.importNode(region, true));
    });
    if (stale && banner) banner.hidden = false;
    enhance(document);
    body.setAttribute('data-refreshed', String(Number(body.getAttribute('data-refreshed') || '0') + 1));
  }

  var pending;
  function refreshSoon() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (response) {
          if (response.status === 404 && page === 'flag') {
            setStatus('this flag was destroyed', 'gone');
            return undefined;
          }
          return response.ok ? response.text() : undefined;
        })
        .then(function (html) {
          if (html !== undefined) replaceLiveRegions(html);
        })
        .catch(function () {
          setStatus('reconnecting…', 'down');
        });
    }, 50);
  }

  function listen() {
    var url = body.getAttribute('data-events');
    if (!url || typeof EventSource === 'undefined' || page === 'error') return;
    var source = new EventSource(url);
    source.addEventListener('hello', function () {
      setStatus(status && status.getAttribute('data-live-feed') === 'store' ? 'live' : 'live (this app only)', 'up');
    });
    source.addEventListener('change', function (event) {
      var change;
      try {
        change = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (page === 'list' || change.kind === 'all' || change.featureName === currentFlag) refreshSoon();
    });
    source.addEventListener('error', function () {
      setStatus('reconnecting…', 'down');
    });
  }

  // Condition rows: "+ check" appends an empty row to its condition.
  function enhance(root) {
    var template = document.getElementById('check-row-template');
    root.querySelectorAll('button.add-check').forEach(function (button) {
      if (!template || button.getAttribute('data-ready')) return;
      button.setAttribute('data-ready', 'true');
      button.hidden = false;
      button.addEventListener('click', function () {
        var row = template.content.firstElementChild.cloneNode(true);
        row.querySelector('input[name="row_condition"]').value = button.getAttribute('data-condition');
        button.parentNode.insertBefore(row, button);
        row.querySelector('input[name="row_variable"]').focus();
      });
    });
    root.querySelectorAll('form.bucketer').forEach(function (form) {
      if (form.getAttribute('data-ready')) return;
      form.setAttribute('data-ready', 'true');
      var sync = function () {
        var share = form.querySelector('input[name="share"]:checked');
        var type = form.querySelector('input[name="type"]:checked');
        form.setAttribute('data-share', share ? share.value : 'constant');
        form.setAttribute('data-type', type ? type.value : 'none');
      };
      form.addEventListener('change', sync);
      sync();
    });
  }

  enhance(document);
  listen();
})();
