// KoeRender
