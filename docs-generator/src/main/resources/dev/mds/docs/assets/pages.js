// A large site's node pages (nodes/<page>.html) are all one small page: this script finds the
// page's HTML in its shard under data/pages/ (a script, so it loads from file:// too) and writes
// it in while the browser is still parsing, so the page's own scripts run as on any other page.
// The shard is Java's String.hashCode of the file name modulo the shard count (NodePages.shard).
(function () {
  'use strict';
  var script = document.currentScript;
  var shards = parseInt(script.getAttribute('data-shards'), 10) || 1;
  var name = decodeURIComponent(window.location.pathname.split('/').pop());
  var hash = 0;
  for (var i = 0; i < name.length; i++) {
    hash = (Math.imul(31, hash) + name.charCodeAt(i)) | 0;
  }
  var shard = (hash & 0x7fffffff) % shards;
  window.mdsPage = function (pages) {
    var html = Object.prototype.hasOwnProperty.call(pages, name) ? pages[name] : null;
    document.write(html !== null ? html
      : '<title>Page not found</title><p>No page ' + name.replace(/[<>&"]/g, '')
        + ' in this site. <a href="../index.html">Overview</a></p>');
  };
  document.write('<script src="../data/pages/' + shard + '.js"></' + 'script>');
})();
