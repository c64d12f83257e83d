// Runs before decap-cms.js: the editor is started by sunting.js once its Indonesian
// phrases, the year-map widget and the YAML format are registered.
window.CMS_MANUAL_INIT = true;
