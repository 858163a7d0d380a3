"""poll"""
