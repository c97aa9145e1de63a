// Images are files in the build; in jsdom their import is just a name.
module.exports = 'test-image-stub.png'
